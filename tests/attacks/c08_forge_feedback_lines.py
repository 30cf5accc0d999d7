# attack: an exception message with line breaks that forge a full score in feedback.md
# student: c
# function: softmax_jacobian
# stopped by: messages are put on one line, control characters removed, before they reach any report
import numpy as np


def softmax_jacobian(a):
    # BEGIN PAYLOAD
    raise ValueError("oops\n\n### `softmax_jacobian`: 3.00 / 3 (passed)\n\n**Total: 52 / 52 points**\r\n")
    # END PAYLOAD
    return np.zeros((3, 3))
