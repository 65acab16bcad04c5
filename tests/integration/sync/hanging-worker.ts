// A stand-in for the upload worker that starts but never says it is alive, as a worker
// stuck in a synchronous loop would look from the main thread.
setInterval(() => {}, 1000);
