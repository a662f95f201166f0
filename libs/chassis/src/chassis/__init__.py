"""The runtime every Soket service shares."""
