"""PDF documents of a snapshot: content, charts as SVG, rendering, and build requests."""
