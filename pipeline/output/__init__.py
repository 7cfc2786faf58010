"""What a build writes and may reuse: its folders, the record of its inputs, pages kept, the joint write."""
