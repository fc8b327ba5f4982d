from aufbruch.committees.tests.test_committees import to_pool  # noqa: F401
from aufbruch.guides.tests.conftest import (  # noqa: F401
    as_role,
    author,
    department,
    guide,
    idea,
    moderator,
    office,
    other_department,
    other_guide,
    participant,
)
