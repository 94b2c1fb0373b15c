"""Scoring: imports torch, which the torch-free constraint bans."""

import torch


def score(values):
    return torch.tensor(values).softmax(0).tolist()


def classify(kind, size, urgent, region):
    if kind == "a":
        return 1
    elif kind == "b":
        return 2
    elif kind == "c":
        return 3
    elif kind == "d":
        return 4
    if size > 10:
        return 5
    if urgent:
        return 6
    for r in region:
        if r == "eu":
            return 7
    while size:
        size -= 1
    try:
        return int(region)
    except ValueError:
        return 0
