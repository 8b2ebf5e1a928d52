def beam_search(step_fn, bos, eos, beam_width, max_len):
    """Return the final beam as a list of (tokens, score), best first.

    step_fn(prefix: list[int]) -> log-probs over the vocabulary (list or 1-D tensor).
    Finished hypotheses (ending in eos) are carried over unchanged; pruning keeps the global
    top beam_width by (-score, tokens).
    """
    raise NotImplementedError
