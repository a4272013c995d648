"""One module per command: a function each, which xzcli.cli registers on the app."""
