def beam_search(step_fn, bos, eos, beam_width, max_len):
    # Mistake: follows only the single best token at each step (beam_width is ignored).
    tokens, score = [bos], 0.0
    for _ in range(max_len):
        if tokens[-1] == eos:
            break
        logp = [float(x) for x in step_fn(tokens)]
        best = max(range(len(logp)), key=lambda t: logp[t])
        tokens, score = tokens + [best], score + logp[best]
    return [(tokens, score)]
