"""The site renderer and what a page is made of: Jinja2, URLs, publishing rules, sitemap."""
