def beam_search(step_fn, bos, eos, beam_width, max_len):
    beams = [([bos], 0.0)]
    for _ in range(max_len):
        new_beams = []
        for tokens, score in beams:
            if tokens[-1] == eos:
                new_beams.append((tokens, score))
                continue
            logp = step_fn(tokens)
            children = [(tokens + [t], score + float(logp[t])) for t in range(len(logp))]
            children.sort(key=lambda c: (-c[1], c[0]))
            # Mistake: keeps beam_width children of every parent; the beam is never pruned globally.
            new_beams.extend(children[:beam_width])
        beams = sorted(new_beams, key=lambda c: (-c[1], c[0]))
        if all(tokens[-1] == eos for tokens, _ in beams):
            break
    return beams
