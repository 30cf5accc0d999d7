# attack: an exception message with line breaks that forge a full score in feedback.md
# student: c
# function: relu
# stopped by: messages are put on one line, control characters removed, before they reach any report
import numpy as np


def relu(z):
    # BEGIN PAYLOAD
    raise ValueError("oops\n\n### `relu`: 1.00 / 1 (passed)\n\n**Total: 52 / 52 points**\r\n")
    # END PAYLOAD
    return z
