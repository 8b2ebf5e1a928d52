import torch


def summa_matmul(A_blocks, B_blocks, comm):
    p = len(A_blocks)
    C = [
        [
            torch.zeros(
                A_blocks[i][0].shape[0],
                B_blocks[0][j].shape[1],
                dtype=A_blocks[i][0].dtype,
                device=A_blocks[i][0].device,
            )
            for j in range(p)
        ]
        for i in range(p)
    ]
    for k in range(p):
        a_panel = [comm.broadcast_row(i, k, A_blocks[i][k]) for i in range(p)]
        b_panel = [comm.broadcast_col(j, k, B_blocks[k][j]) for j in range(p)]
        for i in range(p):
            for j in range(p):
                C[i][j] += a_panel[i] @ b_panel[j]
    return C
