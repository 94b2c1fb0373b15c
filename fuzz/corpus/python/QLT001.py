import logging

logger = logging.getLogger(__name__)


def flagged():
    try:
        work()
    except:  # flag
        pass
    try:
        work()
    except Exception:  # flag
        pass
    try:
        work()
    except BaseException:  # flag
        ...
    for item in items():
        try:
            work(item)
        except (ValueError, Exception):  # flag
            continue
    try:
        work()
    except:  # flag
        logger.error("failed")


def not_flagged():
    try:
        work()
    except:
        logger.exception("failed")
        raise
    try:
        work()
    except Exception:
        logger.exception("failed")
    try:
        work()
    except ValueError:
        pass
    try:
        work()
    except Exception as error:
        raise RuntimeError("wrapped") from error
