"""The theme taxonomy as data: versioned, edited by managers, every change kept."""
