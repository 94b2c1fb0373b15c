def unfinished(order:
    return order
