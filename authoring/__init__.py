"""Authoring: the Python that writes the nbgrader source notebooks of the course.

One module per notebook (``nb01_chain_rule`` ... ``nb05_gradient_checking``), each a readable list of cells
made with the helpers of ``authoring.cells``. ``python -m authoring.build_source`` writes ``source/backprop/``;
``python -m authoring.build_solutions`` writes the executed answer key to ``solutions/backprop/``.
"""
