def flagged(x):  # flag
    if x == 1:
        return 1
    elif x == 2:
        return 2
    elif x == 3:
        return 3
    elif x == 4:
        return 4
    elif x == 5:
        return 5
    elif x == 6:
        return 6
    for i in range(x):
        if i:
            continue
    while x:
        x -= 1
    try:
        pass
    except ValueError:
        pass
    return 0


def documented(x):
    """Maps small codes to themselves; everything else is zero."""
    if x == 1:
        return 1
    elif x == 2:
        return 2
    elif x == 3:
        return 3
    elif x == 4:
        return 4
    elif x == 5:
        return 5
    elif x == 6:
        return 6
    for i in range(x):
        if i:
            continue
    while x:
        x -= 1
    try:
        pass
    except ValueError:
        pass
    return 0


def commented(x):
    # Codes 1-5 are legacy and map to themselves.
    if x == 1:
        return 1
    elif x == 2:
        return 2
    elif x == 3:
        return 3
    elif x == 4:
        return 4
    elif x == 5:
        return 5
    elif x == 6:
        return 6
    for i in range(x):
        if i:
            continue
    while x:
        x -= 1
    try:
        pass
    except ValueError:
        pass
    return 0


def pragma_only(x):  # flag
    if x == 1:  # noqa: E501
        return 1
    elif x == 2:  # type: ignore
        return 2
    elif x == 3:
        return 3
    elif x == 4:
        return 4
    elif x == 5:
        return 5
    elif x == 6:
        return 6
    for i in range(x):
        if i:
            continue
    while x:
        x -= 1
    try:
        pass
    except ValueError:
        pass
    return 0


def boolean_operators_do_not_count(a, b, c, d, e, f, g, h, i, j, k):
    if a and b and c and d and e and f and g and h and i and j and k:
        return 1
    return 0


def nested_scored_alone(x):
    def inner(y):
        if y == 1:
            return 1
        if y == 2:
            return 2
        if y == 3:
            return 3
        if y == 4:
            return 4
        if y == 5:
            return 5
        return 0

    if x:
        return inner(x)
    if not x:
        return 0
    for _ in range(3):
        pass
    while False:
        pass
    return 1
