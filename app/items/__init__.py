"""What a family gave: one item (a concern now, forum feedback next), its words and contact."""
