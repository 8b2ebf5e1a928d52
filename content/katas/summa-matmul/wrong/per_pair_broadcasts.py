import torch


def summa_matmul(A_blocks, B_blocks, comm):
    p = len(A_blocks)
    C = [[None] * p for _ in range(p)]
    for i in range(p):
        for j in range(p):
            acc = torch.zeros(A_blocks[i][0].shape[0], B_blocks[0][j].shape[1],
                              dtype=A_blocks[i][0].dtype, device=A_blocks[i][0].device)
            for k in range(p):
                a = comm.broadcast_row(i, k, A_blocks[i][k])
                b = comm.broadcast_col(j, k, B_blocks[k][j])
                acc += a @ b
            C[i][j] = acc
    return C
