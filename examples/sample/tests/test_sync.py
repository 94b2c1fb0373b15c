from acme.bounded import Buffer


def test_buffer_is_bounded():
    buffer = Buffer(2)
    for i in range(5):
        buffer.add(i)
    assert len(buffer._items) == 2


async def test_sync_all():
    assert True
