# attack: raise KeyboardInterrupt (a grader that treats it as "the user stopped me" may skip the check)
# student: a
# function: vector_to_dictionary
# stopped by: any BaseException from the student's code counts as an exception
import numpy as np


def vector_to_dictionary(theta, layer_dims):
    # BEGIN PAYLOAD
    raise KeyboardInterrupt
    # END PAYLOAD
    return {"W1": theta}
