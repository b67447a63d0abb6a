"""Page renderers: each module turns the dataset into the Markdown of one kind of page."""
