from aufbruch.meetings.tests.conftest import (  # noqa: F401  (shared event fixtures)
    live_session,
    make_meeting,
    meeting,
    office,
)
