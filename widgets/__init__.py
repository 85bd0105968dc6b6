"""Qt widgets: one module per panel plus small shared pieces. Widgets draw; app/ computes."""
