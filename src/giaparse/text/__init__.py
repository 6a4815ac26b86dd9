"""Text helpers shared by every stage: cell text clean-up, label keys,
outline numbering (一、 （一） 1.), and boilerplate / spam detection."""
