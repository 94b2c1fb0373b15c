import asyncio
from collections import deque

buffer = deque()  # noqa: MEM001 -- sized by the caller in v2
other = deque()  # noqa
third = deque()  # noqa: MEM001, E501
fourth = deque(maxlen=3)  # noqa: MEM001  # flag
fifth = deque(maxlen=3)  # noqa: ASY010  # flag
sixth = deque(maxlen=3)  # noqa: E501, F401
seventh = deque(maxlen=3)  # noqa: ASY001 -- not selected in this run, so not judged
text = "# noqa: MEM001"
