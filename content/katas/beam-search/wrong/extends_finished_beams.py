def beam_search(step_fn, bos, eos, beam_width, max_len):
    beams = [([bos], 0.0)]
    for _ in range(max_len):
        candidates = []
        # Mistake: finished hypotheses keep growing past eos instead of being carried over.
        for tokens, score in beams:
            logp = step_fn(tokens)
            for token in range(len(logp)):
                candidates.append((tokens + [token], score + float(logp[token])))
        candidates.sort(key=lambda c: (-c[1], c[0]))
        beams = candidates[:beam_width]
    return beams
