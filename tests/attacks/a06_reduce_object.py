# attack: return an object whose unpickling runs code (a grader that unpickles results runs it)
# student: a
# function: tanh_derivative
# stopped by: nothing is ever unpickled; a non-plain value is "bad_output"
import numpy as np

# BEGIN PAYLOAD
class Evil:
    def __reduce__(self):
        import os
        return (os.system, ("touch __MARK__/reduce_ran",))

    def __eq__(self, other):
        return True

    def __array__(self, *a, **k):
        raise RuntimeError("no")
# END PAYLOAD


def tanh_derivative(a):
    # BEGIN PAYLOAD
    return Evil()
    # END PAYLOAD
    return 1 - a
