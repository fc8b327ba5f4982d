from aufbruch.guides.tests.conftest import (  # noqa: F401
    as_role,
    author,
    department,
    follower,
    guide,
    idea,
    moderator,
    office,
    other_department,
    other_guide,
    participant,
    supporter,
)
