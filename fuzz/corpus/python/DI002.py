from collections import defaultdict, deque

REGISTRY = {}  # flag
SEEN = set()  # flag
QUEUE = deque(maxlen=10)  # flag
EVENTS = []  # flag
GROUPS = defaultdict(list)  # flag
CONSTANTS = {"a": 1}
NAMES = ["a", "b"]
READ_ONLY = []


def register(name, value):
    REGISTRY[name] = value


def remember(key):
    SEEN.add(key)


class Worker:
    def push(self, item):
        QUEUE.append(item)

    def forget(self, key):
        del GROUPS[key]


def record(event):
    EVENTS.extend([event])


def lookup(name):
    return CONSTANTS[name] + len(NAMES) + len(READ_ONLY)


def shadowed():
    NAMES = []
    NAMES.append("local")  # a local list, not the module's


NAMES.append("c")  # mutated at module level, not by a function
