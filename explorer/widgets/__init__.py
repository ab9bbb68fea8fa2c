"""The explorer's widgets and screens."""
