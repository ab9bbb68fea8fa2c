"""Library -> CLI and TUI: the `citex` command (headless) and its Textual app.

Importing this package is cheap: the CLI imports pypdf, Whoosh and Textual only when a
command needs them.
"""
