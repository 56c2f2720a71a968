"""The sizes the handbook accepts; each is enforced with a clear error, never a crash."""

#: Largest process or organization file, in bytes.
MAX_FILE_BYTES = 512 * 1024
#: Deepest nesting of lists and mappings in one file.
MAX_DEPTH = 32
#: Most process files in one handbook.
MAX_PROCESSES = 5000
#: Most steps in one process (a swimlane beyond this is unreadable anyway).
MAX_STEPS = 150
#: Most arrows one diagram draws, the arrow from the start and those to an end included;
#: Mermaid refuses to draw more than its `maxEdges` (500).
MAX_EDGES = 500
#: Longest id of a department, role, process, step, meeting, ...: ids name the site's files
#: (`exports/<process id>.xlsx`), which must stay within MAX_NAME_BYTES.
MAX_ID_LENGTH = 80
#: Longest name or title (shown in the navigation, page titles, tables and diagrams).
MAX_NAME_LENGTH = 200
#: Longest file or folder name the site writes (the limit of common file systems, in bytes).
MAX_NAME_BYTES = 255
#: The years a date may fall in: every review, plan and calendar date stays representable.
FIRST_YEAR, LAST_YEAR = 1900, 2999
#: Longest review interval, in years: a due date always stays a real date.
MAX_REVIEW_YEARS = 10
#: Longest time limit of a step, in minutes (one year).
MAX_DURATION_MINUTES = 366 * 24 * 60
#: Most "did you mean" guesses in one file; later unknown names are reported without one.
MAX_SUGGESTIONS = 100
