"""Modal dialogs: the item editor, confirmations, pickers, export."""
