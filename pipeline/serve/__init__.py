"""The development server: `serve` builds, serves on 127.0.0.1 and rebuilds on every change."""
