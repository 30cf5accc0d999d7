# attack: IPython AST transformer that deletes asserts, and a custom exception handler that hides errors
# student: a
# function: softmax
# stopped by: there is no IPython kernel: the grader runs the cells as plain Python in the sandbox
import numpy as np

# BEGIN PAYLOAD
try:
    import ast

    class _DropAsserts(ast.NodeTransformer):
        def visit_Assert(self, node):
            return ast.Pass()

    ip = get_ipython()  # noqa: F821
    ip.ast_transformers.append(_DropAsserts())
    ip.set_custom_exc((BaseException,), lambda *a, **k: None)
except BaseException:
    pass
# END PAYLOAD


def softmax(z):
    e = np.exp(z)
    return e / np.sum(e)
