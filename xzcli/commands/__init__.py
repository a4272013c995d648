"""One module per command; each registers itself on the app in xzcli.app."""
