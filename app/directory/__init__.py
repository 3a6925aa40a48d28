"""The council's directory: the names redaction must know (staff, schools) beyond a family's own."""
