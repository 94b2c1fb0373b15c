counter = 0
settings = None
global not_in_a_function


def bump():
    global counter  # flag
    counter += 1


class Config:
    def load(self):
        global settings  # flag
        settings = {}


def outer():
    value = 0

    def inner():
        nonlocal value  # nonlocal is not global
        value += 1

    return inner
