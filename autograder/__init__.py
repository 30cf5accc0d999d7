"""Backpropagation course: reference implementation, hidden checks and a tamper-proof grader.

The student-facing functions are listed in ``autograder.course``; the correct math lives only in
``autograder.reference``.
"""

__version__ = "0.1.0"
