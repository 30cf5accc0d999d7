# attack: write a hand-made answer on the socket: an array header with a huge shape, then exit
# student: c
# function: softmax
# stopped by: protocol.decode checks every shape against numpy's limits and the bytes sent (bad_output); nothing escapes the grader
import numpy as np


def softmax(z):
    # BEGIN PAYLOAD
    import json
    import os
    header = json.dumps({"D": [["ok", {"D": [["value", {"A": ["<f8", [0, 2**62], 0, 0]}],
                                             ["args_after", {"T": []}], ["kwargs_after", {"D": []}]]}]]}).encode()
    frame = b"AGS1" + len(header).to_bytes(4, "little") + header
    os.write(3, b"R" + len(frame).to_bytes(8, "little") + frame)
    os._exit(0)
    # END PAYLOAD
    return z
