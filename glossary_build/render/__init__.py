"""From the term graph to pages: view models, the theme and the page renderer."""
