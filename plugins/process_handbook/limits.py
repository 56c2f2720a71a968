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
