"""The project: booklet description, manuscripts, fonts and images, loaded and validated into one `Project`."""
