import torch


def summa_matmul(A_blocks, B_blocks, comm):
    p = len(A_blocks)
    partial = {}
    for k in range(p):
        a_panel = [comm.broadcast_row(i, k, A_blocks[i][k]) for i in range(p)]
        b_panel = [comm.broadcast_col(j, k, B_blocks[k][j]) for j in range(p)]
        for i in range(p):
            for j in range(p):
                product = a_panel[i] @ b_panel[j]
                partial[(i, j)] = product if (i, j) not in partial else partial[(i, j)] + product
    return [[partial[(i, j)] for i in range(p)] for j in range(p)]
