"""Full-screen views of the plan, one per mode of the app."""
