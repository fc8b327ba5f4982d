from aufbruch.comments.tests.fixtures import *  # noqa: F401,F403
