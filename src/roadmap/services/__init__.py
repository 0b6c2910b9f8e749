"""One path per job for every face (the command line, the terminal app, the participants' web
page): loading and sequencing a plan, importing, exporting, editing and the undo history.

Services call the store, the engine, the readers and writers of files and the workshop; they
never import textual, and the faces reach storage only through them.
"""
