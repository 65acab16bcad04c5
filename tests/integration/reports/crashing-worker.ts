// A stand-in for the export worker that dies as it starts, as a worker hitting an
// unexpected exception would look from the main thread.
throw new Error('export worker blew up');
