# nbgrader configuration for Backprop Lab's homework: copy this file into your nbgrader course directory (next to
# source/) and put solutions/<hw>.ipynb into source/<hw>/. See README.md, "For instructors" > "nbgrader".
c = get_config()  # noqa: F821 (nbgrader provides get_config)

# The student version of a solution region, as ./environment/grade --generate-exercises writes it (nbgrader's own Java
# stub does not throw, so an empty answer would pass its check cell).
c.ClearSolutions.code_stub = {
    "java": '// YOUR CODE HERE\nthrow new UnsupportedOperationException("not implemented yet (replace this line with your code)");'
}

# Our markers are Java comments, "// BEGIN SOLUTION" and "// BEGIN HIDDEN TESTS": nbgrader's default delimiters match
# a line that contains those words, so nothing to set for them.

# hw2 (an MLP on the scalar engine) and hw7 (a CNN on MNIST) train in their check cells.
c.ExecutePreprocessor.timeout = 300
