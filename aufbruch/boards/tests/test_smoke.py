def test_member_fixture(member, board):
    from aufbruch.boards.selectors import active_board_ids

    assert board.pk in active_board_ids(member)
