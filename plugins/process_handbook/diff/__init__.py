"""`handbook diff`: what a change to the process files means, for a pull-request comment.

`revisions` reads each side from git through the ordinary loader, `changes`
compares the two models, `report` words the result (Markdown or JSON).
"""
