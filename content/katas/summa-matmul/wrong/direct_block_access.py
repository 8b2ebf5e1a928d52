import torch


def summa_matmul(A_blocks, B_blocks, comm):
    p = len(A_blocks)
    C = [[None] * p for _ in range(p)]
    for i in range(p):
        for j in range(p):
            C[i][j] = sum(A_blocks[i][k] @ B_blocks[k][j] for k in range(p))
    return C
